/** A ```sh block of the README, with where it starts and whether it is marked as one a test cannot run. */
export interface ShellBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The nearest heading above it, to name the block in a test. */
  readonly heading: string;
  readonly text: string;
  /** The reason in `<!-- readme-test: skip (reason) -->` right before the block, if any. */
  readonly skip?: string;
}

const skipMarker = /^<!--\s*readme-test:\s*skip\s*\((.+)\)\s*-->$/;

/** Every ```sh block of a Markdown text, in order. */
export function shellBlocks(markdown: string): ShellBlock[] {
  const lines = markdown.split('\n');
  const blocks: ShellBlock[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, '');
    const fence = /^(`{3,})(\S*)\s*$/.exec(line);
    if (!fence) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith(fence[1]!) && l.trim() === fence[1]);
    if (end < 0) throw new Error(`README.md:${i + 1}: a code block is never closed`);
    if (fence[2] === 'sh') {
      const before = lines.slice(0, i).reverse().find((l) => l.trim() !== '') ?? '';
      const skip = skipMarker.exec(before.trim())?.[1];
      blocks.push({ line: i + 1, heading, text: lines.slice(i + 1, end).join('\n'), ...(skip ? { skip } : {}) });
    }
    i = end;
  }
  return blocks;
}

/** `pnpm dev` (however pnpm is spelt) as a command on a line: the test's stack stands in for it. */
const startsDev = /(^|[;&|]\s*|\s)(\S*\/)?(pnpm(@[\d.]+)?|npx -y pnpm@[\d.]+)\s+dev(\s|$)/;

/**
 * A block as the test runs it: lines that start `pnpm dev` dropped (the test started the stack,
 * seeded, with the city), and the README's addresses (http://localhost:3000, or :3001 for the
 * operator guide's second stack) replaced by the stack's.
 */
export function runnable(block: ShellBlock, stackUrl: string): string {
  return block.text
    .split('\n')
    .map((line) => (startsDev.test(line.replace(/#.*$/, '')) ? `# (the test's stack stands in for:) ${line}` : line))
    .join('\n')
    .replace(/http:\/\/localhost:\d+/g, stackUrl);
}
