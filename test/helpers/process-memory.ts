/** Processes and their memory, read from /proc (Linux). */
import { readdirSync, readFileSync } from 'node:fs';

/** Every running process: its parent, process group and resident memory, by process id. */
function processTable(): { children: Map<number, number[]>; rss: Map<number, number>; groups: Map<number, number[]> } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const groups = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which may itself hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
      // A process that has ended and waits for its parent to read its status (a zombie) is in no group.
      const group = Number(fields[2]);
      if (fields[0] !== 'Z') groups.set(group, [...(groups.get(group) ?? []), Number(name)]);
      rss.set(Number(name), Number(fields[21]) * 4096);
    } catch {
      // The process ended while we looked.
    }
  }
  return { children, rss, groups };
}

/** The running processes of process group `group` (a detached process leads its own). */
export function groupProcesses(group: number): number[] {
  return processTable().groups.get(group) ?? [];
}

/** The processes `parent` started that are still running. */
export function childProcesses(parent: number): number[] {
  return processTable().children.get(parent) ?? [];
}

/** Resident memory of a process and everything it started. */
export function treeRss(root: number): number {
  const { children, rss } = processTable();
  const total = (pid: number): number => (rss.get(pid) ?? 0) + (children.get(pid) ?? []).reduce((sum, child) => sum + total(child), 0);
  return total(root);
}
