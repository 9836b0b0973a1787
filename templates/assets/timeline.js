// Timeline filters as progressive enhancement: milestones only, by topic, by person. Without JavaScript,
// the same views are plain links (the topic and person pages), and every article stays listed.
const timeline = document.getElementById("timeline");
const browse = document.getElementById("timeline-browse");
const entries = [...timeline.querySelectorAll("li.entry")];
const years = [...timeline.querySelectorAll("section.timeline-year")];

const options = (selector) =>
  [...browse.querySelectorAll(selector)].map((a) => ({ value: a.dataset.id, label: a.textContent }));

function select(id, label, anyLabel, choices) {
  const wrap = document.createElement("p");
  wrap.className = "field";
  const lab = document.createElement("label");
  lab.htmlFor = id;
  lab.textContent = label;
  const sel = document.createElement("select");
  sel.id = id;
  sel.append(new Option(anyLabel, ""), ...choices.map((c) => new Option(c.label, c.value)));
  wrap.append(lab, " ", sel);
  return [wrap, sel];
}

const form = document.createElement("form");
form.className = "timeline-filters";
form.setAttribute("aria-label", "Filter the timeline");
const milestoneWrap = document.createElement("p");
milestoneWrap.className = "field";
const milestone = document.createElement("input");
milestone.type = "checkbox";
milestone.id = "filter-milestones";
const milestoneLabel = document.createElement("label");
milestoneLabel.htmlFor = milestone.id;
milestoneLabel.textContent = "Milestones only";
milestoneWrap.append(milestone, " ", milestoneLabel);
const [topicWrap, topic] = select("filter-topic", "Topic", "All topics", options("[data-kind=topic]"));
const [personWrap, person] = select("filter-person", "Person", "Everyone", options("[data-kind=person]"));
const status = document.createElement("p");
status.className = "filter-status";
status.setAttribute("role", "status");
form.append(milestoneWrap, topicWrap, personWrap, status);
form.addEventListener("submit", (event) => event.preventDefault());
timeline.before(form);

function apply() {
  let shown = 0;
  for (const entry of entries) {
    const visible =
      (!milestone.checked || entry.classList.contains("milestone")) &&
      (!topic.value || entry.dataset.topic === topic.value) &&
      (!person.value || entry.dataset.people.split(" ").includes(person.value));
    entry.hidden = !visible;
    if (visible) shown++;
  }
  for (const year of years) year.hidden = !year.querySelector("li.entry:not([hidden])");
  const filtered = milestone.checked || topic.value || person.value;
  status.textContent = filtered ? `Showing ${shown} of ${entries.length} articles.` : "";
}
form.addEventListener("change", apply);
