// Fails when lib/ has an import cycle, between files or between folders (cluster -> security -> cluster counts).
// madge reads the imports (type-only ones too); the folder graph is the file graph with each file in its folder.
// madge ships no type declarations; this is the one call used.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const madge: (path: string, config: object) => Promise<{ obj(): Record<string, string[]> }> = require('madge');

async function main(): Promise<void> {
  const graph = (await madge(process.argv[2] ?? 'lib', { fileExtensions: ['ts'], tsConfig: 'tsconfig.json' })).obj();
  const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '.');
  const folders = new Map<string, Set<string>>();
  for (const [file, imports] of Object.entries(graph)) {
    for (const imported of imports) {
      const [from, to] = [folderOf(file), folderOf(imported)];
      if (from !== to && from !== '.') folders.set(from, (folders.get(from) ?? new Set()).add(to));
    }
  }
  const cycles = [...findCycles(graph).map((c) => `files: ${c.join(' -> ')}`),
    ...findCycles(Object.fromEntries([...folders].map(([f, to]) => [f, [...to]]))).map((c) => `folders: ${c.join(' -> ')}`)];
  if (cycles.length > 0) {
    console.error(`lib/ has ${cycles.length} import cycle(s); move the shared part down a layer:\n${cycles.join('\n')}`);
    process.exit(1);
  }
  console.log(`lib/: no import cycle between ${Object.keys(graph).length} files in ${folders.size} folders`);
}

/** Every elementary cycle's first sighting in a depth-first walk, as the path that closes it. */
function findCycles(graph: Record<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const walk = (node: string, path: string[]) => {
    if (path.includes(node)) {
      cycles.push([...path.slice(path.indexOf(node)), node]);
      return;
    }
    if (done.has(node)) return;
    for (const next of graph[node] ?? []) walk(next, [...path, node]);
    done.add(node);
  };
  Object.keys(graph).forEach((node) => walk(node, []));
  return cycles;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
