// A synchronous repository behind an async store interface: each call answered as a settled promise.

/** Every method of a synchronous repository, answered as a settled promise (a throw becomes a rejection). */
export type Promised<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K] };

export function promised<T extends object>(repo: T): Promised<T> {
  return new Proxy(repo, {
    get(target, key) {
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
  }) as unknown as Promised<T>;
}
