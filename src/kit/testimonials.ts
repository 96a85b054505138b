/** `testimonials/<id>.yaml`: each file validated, its photo checked, and its consent said out loud. */
import { join } from 'node:path';
import { isPublished, testimonialSchema, type TestimonialData } from '../schemas/testimonial.ts';
import { readContentFile } from './content-file.ts';
import { listFolder } from './content-folder.ts';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { checkPhoto } from './photos.ts';
import { parseYaml, positionAt, validateYaml, type YamlSource } from './yaml-source.ts';

// strings: move to the catalog
const testimonialSentences = {
  consentDeclined: 'not published: the author declined to be quoted',
  consentPending: (id: string) => `not published yet: once the author agrees, run referral-kit testimonial consent ${id} --given`,
};

export interface TestimonialEntry {
  id: string;
  file: string;
  data: TestimonialData;
}

export interface TestimonialFolder {
  testimonials: TestimonialEntry[];
  /** Each valid file as read, by id, for positions of cross-file findings. */
  sources: Map<string, YamlSource>;
}

export async function loadTestimonials(contentDir: string, diagnostics: Diagnostic[]): Promise<TestimonialFolder> {
  const testimonials: TestimonialEntry[] = [];
  const sources = new Map<string, YamlSource>();
  for (const { file, name } of await listFolder(join(contentDir, 'testimonials'), ['.yaml', '.yml'], diagnostics)) {
    const read = await readContentFile(file, 'testimonial');
    if (read.diagnostic) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    const parsed = parseYaml(file, read.text);
    const validated = validateYaml(parsed, testimonialSchema);
    diagnostics.push(...validated.diagnostics);
    if (!validated.data) continue;
    checkPhoto(contentDir, parsed.source, ['photo'], validated.data.photo, diagnostics);
    const data = validated.data;
    const consentAt = positionAt(parsed.source, ['consent'], 'key');
    if (data.consent === 'declined') {
      diagnostics.push(diagnostic(file, consentAt, 'warning', testimonialSentences.consentDeclined));
    } else if (!isPublished(data)) {
      // pending, or false: the older way of saying "not given yet".
      diagnostics.push(diagnostic(file, consentAt, 'warning', testimonialSentences.consentPending(name)));
    }
    testimonials.push({ id: name, file, data });
    sources.set(name, parsed.source);
  }
  return { testimonials, sources };
}
