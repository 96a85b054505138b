/** Typed access to the collections for pages. */
import { getCollection, getEntry } from 'astro:content';
import type { KitData } from '../schemas/kit.ts';

export async function getKit(): Promise<KitData> {
  const entry = await getEntry('kit', 'kit');
  if (!entry) throw new Error('kit.yaml was not loaded');
  return entry.data;
}

export async function getPartners() {
  return (await getCollection('partners')).sort((a, b) => a.id.localeCompare(b.id));
}

/** Testimonials with consent (the loader never passes others), newest first. */
export async function getTestimonials() {
  return (await getCollection('testimonials')).sort(
    (a, b) => (b.data.date ?? '').localeCompare(a.data.date ?? '') || a.id.localeCompare(b.id),
  );
}

export async function getScripts() {
  return getCollection('scripts');
}
