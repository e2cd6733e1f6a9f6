/** Route table with httprouter's semantics: static segments win over {params}; a known path with another method is 405. */
import type { ServerResponse } from 'node:http';
import type { Ctx } from './context.ts';
import type { Req } from './http.ts';

export type Handler = (ctx: Ctx, req: Req, res: ServerResponse) => void | Promise<void>;

interface Route {
  segments: string[];
  params: number;
  methods: Map<string, Handler>;
}

export interface RouteMatch {
  methods: ReadonlyMap<string, Handler>;
  params: Record<string, string>;
}

export class Router {
  readonly #routes: Route[] = [];

  on(methods: string | readonly string[], pattern: string, handler: Handler): this {
    const segments = pattern.split('/');
    let route = this.#routes.find((r) => r.segments.join('/') === pattern);
    if (!route) {
      route = { segments, params: segments.filter((s) => s.startsWith('{')).length, methods: new Map() };
      this.#routes.push(route);
      this.#routes.sort((a, b) => a.params - b.params);
    }
    for (const method of typeof methods === 'string' ? [methods] : methods) route.methods.set(method, handler);
    return this;
  }

  match(path: string): RouteMatch | undefined {
    const parts = path.split('/');
    for (const route of this.#routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = route.segments.every((segment, i) => {
        const part = parts[i] ?? '';
        if (!segment.startsWith('{')) return segment === part;
        params[segment.slice(1, -1)] = safeDecode(part);
        return part !== '';
      });
      if (ok) return { methods: route.methods, params };
    }
    return undefined;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
