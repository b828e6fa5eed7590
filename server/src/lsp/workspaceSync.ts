/**
 * Keeps the core's workspace index in step with the world: open documents
 * from their editor text, every other YAML file of the workspace folders from
 * disk, and file-watch events for the files that change on disk.
 */
import { URI } from 'vscode-uri';
import type { LanguageService } from '../core/languageService';
import { findYamlFiles, insideWorkspace, readText, yieldToEventLoop, type LoaderOptions } from './workspaceLoader';

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

  /** (Re)indexes every YAML file of the workspace folders. Newer runs cancel older ones. */
  async indexAll(progress?: IndexProgress): Promise<number> {
    const run = ++this.run;
    const cancelled = () => run !== this.run;
    const files = (await Promise.all(this.folders.map((f) => findYamlFiles(f, this.options, cancelled)))).flat();
    if (cancelled()) return 0;
    const wanted = new Set(files.map((f) => URI.file(f.path).toString()));
    for (const uri of this.service.workspace.uris()) {
      if (!wanted.has(uri) && !this.open.has(uri)) this.service.workspace.remove(uri);
    }
    progress?.begin(files.length);
    let done = 0;
    let lastYield = Date.now();
    for (let i = 0; i < files.length; i += BATCH) {
      if (cancelled()) return done;
      const batch = files.slice(i, i + BATCH).map((f) => ({ uri: URI.file(f.path).toString(), path: f.path }));
      const texts = await Promise.all(batch.map((f) => (this.open.has(f.uri) ? undefined : readText(f.path, this.options.maxFileSize))));
      batch.forEach((f, k) => {
        const text = texts[k];
        if (text !== undefined && !this.open.has(f.uri)) this.service.indexFile(f.uri, this.service.parseFile(text));
      });
      done += batch.length;
      progress?.report(done, files.length);
      if (Date.now() - lastYield > 20) {
        await yieldToEventLoop(); // let edits and requests in
        lastYield = Date.now();
      }
    }
    progress?.done();
    return done;
  }

  /** A file changed, appeared or went away on disk. Open documents keep their editor text. */
  async refreshFromDisk(uri: string): Promise<void> {
    if (this.open.has(uri) || !uri.startsWith('file:')) return;
    const file = URI.parse(uri).fsPath;
    const text = /\.ya?ml$/i.test(file) && (await insideWorkspace(file, this.folders)) ? await readText(file, this.options.maxFileSize) : undefined;
    if (this.open.has(uri)) return;
    const changed = text === undefined ? this.service.workspace.remove(uri) : (this.service.indexFile(uri, this.service.parseFile(text)), true);
    if (changed) this.onIndexChanged(uri);
  }
}
