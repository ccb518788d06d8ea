'use client';

import type { ComponentProps } from 'react';

/**
 * A select that submits its GET form as soon as it changes. Only a convenience: the form keeps a
 * submit button, so the filters work without JavaScript too.
 */
export function AutoSubmitSelect(props: ComponentProps<'select'>) {
  return <select {...props} onChange={(e) => e.currentTarget.form?.requestSubmit()} />;
}
