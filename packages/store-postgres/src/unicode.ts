// Lone UTF-16 surrogates: a driver sending such a string as UTF-8 silently turns each into U+FFFD, so
// a key holding one would be stored as another key.
const LONE_SURROGATE = /\p{Cs}/u

/** Whether `text` is well-formed Unicode (no lone surrogate), so that it is stored as given. */
export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text)
