/**
 * Field types shared by the content schemas.
 *
 * Every schema describes its fields with `.describe()`: the text is the field's doc comment,
 * and the same text reaches the JSON Schema that editors show on hover.
 *
 * A rule written with `refine()` is invisible to JSON Schema. Where a regular expression can say
 * the same thing, `.meta({ pattern })` puts it in the JSON Schema too, with the same message
 * (`patternErrorMessage` is what VS Code's YAML extension shows), so the editor flags the
 * mistake as the owner types. test/json-schema.test.ts checks both agree.
 */
import { z } from './zod.ts';
import { isCalendarDate } from '../kit/dates.ts';
import { directionControls } from '../kit/direction-controls.ts';

/** What a partner file name may be: it is part of their share link. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Reads a YAML blank (`email:` with nothing after it) as "not given". */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

/**
 * Control characters other than tab and line breaks (ESC, NUL, DEL, the C1 set…): YAML's "\e"
 * writes one, no one means one, and pages, emails and terminals would each show it differently.
 */
const controlCharacters = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F';
const controlCharacter = new RegExp(`[${controlCharacters}]`);
const controlCharacterError = 'must not contain control characters (like ESC or NUL): delete them';
/** Direction controls are refused (see `directionControls`); the marks U+200E and U+200F stay allowed. */
const directionControl = new RegExp(`[${directionControls}]`);
const directionControlError = 'must not contain invisible direction controls (U+202A–U+202E, U+2066–U+2069), which can show text reversed: delete them';
/** JSON Schema's form of both rules, to put in front of a field's own pattern. */
const noControlCharacters = `^(?![\\s\\S]*[${controlCharacters}${directionControls}])`;

/**
 * The longest a field can be, in characters. Far past what anyone writes (a name, a paragraph),
 * and short enough that a pasted megabyte cannot stall the build: a 480 KB name took it from 4 s
 * to 225 s. Stated in the README's "Reliability" section; JSON Schema shows them as maxLength.
 */
export const fieldLengthLimits = {
  /** Names, titles, subjects, list items: one line. */
  line: 5000,
  /** Paragraphs: a pitch, a greeting, a quote, notes. */
  text: 20_000,
} as const;

/** Text that must not be empty once trimmed. */
export function text(max: number = fieldLengthLimits.text) {
  return z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max.toLocaleString('en-US')} characters` })
    .refine((value) => !controlCharacter.test(value), { error: controlCharacterError })
    .refine((value) => !directionControl.test(value), { error: directionControlError })
    .meta({ pattern: `${noControlCharacters}[\\s\\S]*\\S`, patternErrorMessage: 'must not be empty, nor contain control characters (like ESC or NUL) or invisible direction controls' });
}

const singleLineError = 'must be a single line (no line breaks)';

/** A single line of text: names, titles, subjects. Newlines would break headers and layouts. */
export function line() {
  return text(fieldLengthLimits.line)
    .refine((value) => !/[\r\n\u2028\u2029]/.test(value), { error: singleLineError })
    .meta({
      // Once trimmed: not empty, and no line break between the first and last visible character.
      pattern: `${noControlCharacters}\\s*\\S(?:[^\\r\\n\\u2028\\u2029]*\\S)?\\s*$`,
      patternErrorMessage: 'must be one line of text (not empty, no line breaks, no control characters or invisible direction controls)',
    });
}

const webUrlError = 'must be a full https or http address, like https://example.com/page';

/** A web address: only `https:` and `http:` are accepted, so no `javascript:` link can slip in. */
export function webUrl() {
  return (
    text()
      .refine(
        (value) => {
          try {
            return ['https:', 'http:'].includes(new URL(value).protocol);
          } catch {
            return false;
          }
        },
        { error: webUrlError },
      )
      // The scheme, in JSON Schema; whether the rest parses as an address is checked by `check` only.
      .meta({ pattern: '^\\s*[hH][tT][tT][pP][sS]?://\\S', patternErrorMessage: webUrlError })
  );
}

export function email() {
  return z.email({ error: 'must be an email address like name@example.com' }).trim();
}

/** A phone number as people write it: digits, spaces, `+`, dashes, dots and brackets. */
export function phone() {
  return line().refine((value) => /^\+?[\d\s().-]+$/.test(value) && (value.match(/\d/g)?.length ?? 0) >= 6, {
    error: 'must be a phone number like +1 415 555 0134',
  });
}

const isoDateError = 'must be a date like 2026-10-02';

/** A calendar date written as YYYY-MM-DD, that exists (no 2026-02-30). */
export function isoDate() {
  return z.string({ error: isoDateError }).trim().refine(isCalendarDate, { error: isoDateError }).meta({ pattern: '^\\s*\\d{4}-\\d{2}-\\d{2}\\s*$', patternErrorMessage: isoDateError });
}

/** A colour as a CSS hex value, `#2f5d50` or `#2f5`. */
export function hexColor() {
  return z
    .string({ error: 'must be a colour like "#2f5d50" (quote it: YAML reads # as a comment)' })
    .trim()
    .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { error: 'must be a colour like "#2f5d50"' });
}

/** A picture inside the content folder, e.g. `photos/maya.jpg`. Remote images are never fetched. */
export function localImage() {
  return line()
    .refine((value) => !/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith('//'), {
      error: 'must be a file in your content folder, like photos/maya.jpg (remote images are not fetched)',
    })
    .refine((value) => /\.(jpe?g|png|webp|gif)$/i.test(value), {
      error: 'must be a .jpg, .png, .webp or .gif file',
    });
}

/** Splits a full name into the name a friend would use. */
export function firstNameOf(name: string): string {
  const honorifics = /^(dr|mr|mrs|ms|mx|prof|sir|dame)\.?$/i;
  const words = name.trim().split(/\s+/);
  const first = words.find((word) => !honorifics.test(word));
  return first ?? name.trim();
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The English name Intl gives a language tag ("Dutch", "Brazilian Portuguese"), or undefined for one it does not know. */
export function languageName(tag: string): string | undefined {
  try {
    return languageNames.of(tag);
  } catch {
    return undefined;
  }
}

/**
 * A BCP 47 language tag (`nl`, `pt-BR`, `ar`), in its canonical spelling (`pt-br` → `pt-BR`).
 * A tag Intl cannot name (`xx`, `english`) is refused: it would silently fall back to the default.
 */
export function languageTag() {
  return z
    .string({ error: 'must be a language tag like en, nl or pt-BR' })
    .trim()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'must be a language tag like en, nl or pt-BR' })
    .transform((value, context) => {
      let canonical: string;
      try {
        canonical = Intl.getCanonicalLocales(value)[0]!;
      } catch {
        context.addIssue({ code: 'custom', message: 'must be a language tag like en, nl or pt-BR' });
        return z.NEVER;
      }
      if (!languageName(canonical)) {
        context.addIssue({ code: 'custom', message: 'is not a language this computer knows: use a tag like en, nl, pt-BR or ar' });
        return z.NEVER;
      }
      return canonical;
    });
}
