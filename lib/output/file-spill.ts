import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RenderedFile } from './rendered-file';

/**
 * Where the render stage keeps rendered files until the write: their bytes
 * past a budget go to a scratch file instead of the heap. A run of 10,000
 * tasks in 3 environments held ~60 MB of YAML from its render to its write,
 * and the heap grows by a multiple of what it holds (README,
 * "Performance"). A project whose files fit the budget never touches the
 * disk.
 *
 * The scratch file is in the OS temp folder and unlinked as soon as it is
 * open: the kernel frees it when the process ends, however it ends, and it
 * is closed once no file of it is reachable. When it cannot be made, files
 * stay in memory (only the memory is lost, not the run).
 */
export class FileSpill {
  private fd?: number;
  private size = 0;
  private held = 0;
  private failed = false;

  /** @param budget characters of file content kept in memory before spilling @default 16 Mi */
  constructor(private readonly budget: number = 16 * 1024 * 1024) {}

  /** `file` as kept: itself while the budget lasts, then a file whose content is read back from the scratch file when asked. */
  public keep(file: RenderedFile): RenderedFile {
    if (this.held + file.content.length <= this.budget || this.failed) {
      this.held += file.content.length;
      return file;
    }
    const fd = this.open();
    if (fd === undefined) return file;
    const bytes = Buffer.from(file.content, 'utf8');
    const offset = this.size;
    try {
      for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done, offset + done);
    } catch {
      // A full or failing temp folder (ENOSPC, EIO) costs memory, not the run: this file and the next stay in memory.
      this.failed = true;
      this.held += file.content.length;
      return file;
    }
    this.size += bytes.length;
    return spilledFile(file.path, this, offset, bytes.length);
  }

  /** The bytes at `offset` of the scratch file, as text. */
  public read(offset: number, length: number): string {
    const bytes = Buffer.allocUnsafe(length);
    for (let done = 0; done < length; ) {
      const read = fs.readSync(this.fd!, bytes, done, length - done, offset + done);
      if (read === 0) throw new Error(`the scratch file of rendered files ended at ${offset + done} of ${offset + length} bytes`);
      done += read;
    }
    return bytes.toString('utf8');
  }

  private open(): number | undefined {
    if (this.fd !== undefined) return this.fd;
    const file = path.join(os.tmpdir(), `datatask-render-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    try {
      this.fd = fs.openSync(file, 'wx+', 0o600);
    } catch {
      this.failed = true;
      return undefined;
    }
    try {
      fs.unlinkSync(file);
    } catch {
      // A platform that cannot unlink an open file: removed when the process exits.
      process.once('exit', () => fs.rmSync(file, { force: true }));
    }
    CLOSE.register(this, this.fd);
    return this.fd;
  }
}

/** Closes a scratch file once its FileSpill (and so every file read from it) is unreachable. */
const CLOSE = new FinalizationRegistry<number>((fd) => {
  try {
    fs.closeSync(fd);
  } catch {
    // Already closed with the process.
  }
});

/**
 * A rendered file whose bytes are in a FileSpill's scratch file: `path` and
 * `content` are its own enumerable properties, as a plain RenderedFile's
 * (a copy with `{ ...file }` reads the content).
 */
function spilledFile(filePath: string, spill: FileSpill, offset: number, length: number): RenderedFile {
  return Object.defineProperty({ path: filePath }, 'content', { enumerable: true, get: () => spill.read(offset, length) }) as RenderedFile;
}
