// A synchronous repository behind an async store interface: each call answered as a settled promise.

/** Every method of a synchronous repository, answered as a settled promise (a throw becomes a rejection). */
export type Promised<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K] };

/**
 * The repository's methods as settled promises. `nested` names fields that are themselves stores (the posts
 * repository's transitions and queue): those fields answer with the store given instead of the repository's own.
 */
export function promised<T extends object>(repo: T): Promised<T>;
export function promised<T extends object, N extends Partial<Record<keyof T, unknown>>>(repo: T, nested: N): Omit<Promised<T>, keyof N> & N;
export function promised<T extends object, N extends Partial<Record<keyof T, unknown>>>(
  repo: T,
  nested?: N,
): Omit<Promised<T>, keyof N> & N {
  return new Proxy(repo, {
    get(target, key) {
      if (nested && Object.hasOwn(nested, key)) return nested[key as keyof N];
      // The repository itself is `this` for every call and getter (its private fields live on it, not the proxy).
      const value = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          return Promise.resolve(value.apply(target, args));
        } catch (e) {
          return Promise.reject(e);
        }
      };
    },
  }) as unknown as Omit<Promised<T>, keyof N> & N;
}
