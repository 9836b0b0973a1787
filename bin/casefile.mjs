#!/usr/bin/env node
// `casefile build|check|new|import|start`: the project's commands are TypeScript, run in this process through tsx.
import { register } from "tsx/esm/api";

register();
const { casefile } = await import("../src/cli/casefile.ts");
const code = await casefile(process.argv.slice(2));
if (code !== undefined) process.exit(code);
