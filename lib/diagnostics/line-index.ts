/** Converts string offsets to 1-based line and column numbers. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10 /* \n */) this.starts.push(i + 1);
    }
  }

  /** The text of the line holding `offset`, without its line break. */
  public lineText(text: string, offset: number): string {
    const { line } = this.position(offset);
    const start = this.starts[line - 1];
    const end = line < this.starts.length ? this.starts[line] - 1 : text.length;
    return text.slice(start, end).replace(/\r$/, '');
  }

  /** The 1-based line and column of `offset`. */
  public position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}
