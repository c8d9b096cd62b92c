/** Reads a bundle's source map (v3) back to the original sources: file and line of a generated position. */

/** A position in the original sources (line 0-based). */
export interface Origin { source: string; line: number }

/** The parts of a source map (v3) the summary reads. */
export interface SourceMapV3 {
  sources: string[];
  sourcesContent?: (string | null)[];
  mappings: string;
}

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The numbers of one mapping segment (base64 VLQ). */
function decodeSegment(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = base64.indexOf(char);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -Math.floor(value / 2) : Math.floor(value / 2));
    value = 0;
    shift = 0;
  }
  return values;
}

/** Per generated line, its segments as [generated column, source index, source line], columns ascending. */
function decodeMappings(mappings: string): [number, number, number][][] {
  const lines: [number, number, number][][] = [];
  let source = 0;
  let sourceLine = 0;
  for (const line of mappings.split(';')) {
    const segments: [number, number, number][] = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const [dColumn = 0, dSource, dLine] = decodeSegment(segment);
      column += dColumn;
      if (dSource === undefined || dLine === undefined) continue;
      source += dSource;
      sourceLine += dLine;
      segments.push([column, source, sourceLine]);
    }
    lines.push(segments);
  }
  return lines;
}

/** A lookup from a generated (0-based) line and column to the original source and line. */
export function sourceMapLookup(map: SourceMapV3): (line: number, column: number) => Origin | undefined {
  const lines = decodeMappings(map.mappings);
  return (line, column) => {
    let found: [number, number, number] | undefined;
    for (const segment of lines[line] ?? []) {
      if (segment[0] > column) break;
      found = segment;
    }
    const source = found && map.sources[found[1]];
    return found && source !== undefined ? { source: source.replace(/^(\.\.\/)+/, ''), line: found[2] } : undefined;
  };
}
