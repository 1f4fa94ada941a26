/**
 * Database passwords in VS Code's secret storage (the OS keychain), by server and login
 * (passwordKey): never in the KPI file, never in settings. Sent to the kpi-lens command
 * line on its stdin with each request that needs them.
 */
import type * as vscode from 'vscode';
import { passwordKey, type EngineSource } from '../../core/data/engineSources';

const PREFIX = 'kpiLens.password:';

export class DatabasePasswords {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(key: string): Thenable<string | undefined> {
    return this.secrets.get(PREFIX + key);
  }

  /** Keeps `password` for the login, or forgets it (undefined or empty). */
  async set(key: string, password: string | undefined): Promise<void> {
    if (password === undefined || password === '') await this.secrets.delete(PREFIX + key);
    else await this.secrets.store(PREFIX + key, password);
  }

  /** The stored passwords of the PostgreSQL logins these sources use. */
  async forSources(specs: readonly EngineSource[]): Promise<Record<string, string>> {
    const found: Record<string, string> = {};
    for (const spec of specs) {
      if (!spec.postgres) continue;
      const key = passwordKey(spec.postgres);
      if (key in found) continue;
      const password = await this.get(key);
      if (password !== undefined) found[key] = password;
    }
    return found;
  }
}
