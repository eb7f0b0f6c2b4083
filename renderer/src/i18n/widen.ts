/** The shape of a German resource with every text widened to `string`: the type every other language must fill. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
