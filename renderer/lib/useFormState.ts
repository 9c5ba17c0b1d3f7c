import { useState } from 'react';

/**
 * A form's values and its errors by field name (`_` for the form as a whole). `change` sets one value
 * and drops that field's error: the message was about the old value, and would mark the new one invalid.
 */
export function useFormState<T extends object>(initial: T) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  function change(key: keyof T & string, value: T[keyof T]) {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors(({ [key]: _gone, ...rest }) => rest);
  }
  return { values, setValues, errors, setErrors, change };
}
