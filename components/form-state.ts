export type FormState = { error?: string; details?: string[] };
