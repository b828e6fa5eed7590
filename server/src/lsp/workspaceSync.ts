/**
 * Keeps the core's workspace index in step with the world: open documents
 * from their editor text, every other YAML file of the workspace folders from
 * disk, and file-watch events for the files that change on disk.
 */
import { URI } from 'vscode-uri';
import type { LanguageService } from '../core/languageService';
import { excludedFromIndex, findYamlFiles, insideWorkspace, readText, yieldToEventLoop, type LoaderOptions } from './workspaceLoader';

export interface IndexProgress {
  begin(total: number): void;
  report(done: number, total: number): void;
  done(): void;
}

const BATCH = 16;

export class WorkspaceSync {
  private folders: string[] = [];
  private readonly open = new Set<string>();
  private options: LoaderOptions = { exclude: [], maxFileSize: 1024 * 1024 };
  private run = 0;

  constructor(private readonly service: LanguageService, private readonly onIndexChanged: (uri: string) => void) {}

  setFolders(uris: readonly string[]): void {
    this.folders = uris.filter((u) => u.startsWith('file:')).map((u) => URI.parse(u).fsPath);
  }

  setOptions(options: LoaderOptions): void {
    this.options = options;
  }

  get maxFileSize(): number {
    return this.options.maxFileSize;
  }

  didOpen(uri: string): void {
    this.open.add(uri);
  }

  /** A closed document falls back to its text on disk (or leaves the index). */
  async didClose(uri: string): Promise<void> {
    this.open.delete(uri);
    await this.refreshFromDisk(uri);
  }

  /** How long the last indexing took: finding the files, parsing and indexing them, in all. */
  lastRun = { walkMs: 0, parseMs: 0, totalMs: 0 };

  /** (Re)indexes every YAML file of the workspace folders. Newer runs cancel older ones. */
  async indexAll(progress?: IndexProgress): Promise<number> {
    const run = ++this.run;
    const cancelled = () => run !== this.run;
    const started = performance.now();
    const files = (await Promise.all(this.folders.map((f) => findYamlFiles(f, this.options, cancelled)))).flat();
    this.lastRun = { walkMs: performance.now() - started, parseMs: 0, totalMs: 0 };
    if (cancelled()) return 0;
    const wanted = new Set(files.map((f) => URI.file(f.path).toString()));
    for (const uri of this.service.workspace.uris()) {
      if (!wanted.has(uri) && !this.open.has(uri)) this.service.workspace.remove(uri);
    }
    progress?.begin(files.length);
    let done = 0;
    let lastYield = Date.now();
    const read = (from: number) => {
      const batch = files.slice(from, from + BATCH).map((f) => ({ uri: URI.file(f.path).toString(), path: f.path }));
      return { batch, texts: Promise.all(batch.map((f) => (this.open.has(f.uri) ? undefined : readText(f.path, this.options.maxFileSize)))) };
    };
    // The next batch is read from disk while this one is parsed: IO and parsing overlap.
    let next = files.length > 0 ? read(0) : undefined;
    for (let i = 0; i < files.length; i += BATCH) {
      if (cancelled()) return done;
      const { batch, texts: pending } = next!;
      const texts = await pending;
      next = i + BATCH < files.length ? read(i + BATCH) : undefined;
      const parsing = performance.now();
      batch.forEach((f, k) => {
        const text = texts[k];
        if (text !== undefined && !this.open.has(f.uri)) this.service.indexFile(f.uri, this.service.parseFile(text));
      });
      this.lastRun.parseMs += performance.now() - parsing;
      done += batch.length;
      progress?.report(done, files.length);
      if (Date.now() - lastYield > 20) {
        await yieldToEventLoop(); // let edits and requests in
        lastYield = Date.now();
      }
    }
    progress?.done();
    this.lastRun.totalMs = performance.now() - started;
    return done;
  }

  /**
   * A file changed, appeared or went away on disk. Open documents keep their editor text.
   * Only what the walk would index is read: YAML, inside a workspace folder once links are
   * resolved, not excluded, not too big. Anything else leaves (or stays out of) the index.
   */
  async refreshFromDisk(uri: string): Promise<void> {
    if (this.open.has(uri)) return;
    if (!uri.startsWith('file:')) {
      // An untitled (or other non-file) document exists only while it is open: closed, it is gone.
      if (this.service.workspace.remove(uri)) this.onIndexChanged(uri);
      return;
    }
    const file = URI.parse(uri).fsPath;
    const wanted = /\.ya?ml$/i.test(file) && !excludedFromIndex(file, this.folders, this.options) && (await insideWorkspace(file, this.folders));
    const text = wanted ? await readText(file, this.options.maxFileSize) : undefined;
    if (this.open.has(uri)) return;
    const changed = text === undefined ? this.service.workspace.remove(uri) : (this.service.indexFile(uri, this.service.parseFile(text)), true);
    if (changed) this.onIndexChanged(uri);
  }
}
