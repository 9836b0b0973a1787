import { headersFile } from "../src/site/headers.ts";


export function render(): string {
  return headersFile();
}
