/** Typed access to the collections for pages. */
import { getCollection, getEntry, render, type CollectionEntry } from 'astro:content';
import { compareText } from '../kit/text.ts';
import type { KitData } from '../schemas/kit.ts';

export async function getKit(): Promise<KitData> {
  const entry = await getEntry('kit', 'kit');
  if (!entry) throw new Error('kit.yaml was not loaded');
  return entry.data;
}

export async function getPartners() {
  return (await getCollection('partners')).sort((a, b) => compareText(a.id, b.id));
}

/** Testimonials with consent (the loader never passes others), newest first. */
export async function getTestimonials() {
  return (await getCollection('testimonials')).sort((a, b) => compareText(b.data.date ?? '', a.data.date ?? '') || compareText(a.id, b.id));
}

export async function getScripts() {
  return getCollection('scripts');
}

type ScriptEntry = CollectionEntry<'scripts'>;
const scriptComponents = new Map<string, Promise<Awaited<ReturnType<typeof render>>['Content']>>();

/**
 * A script's compiled MDX as a component, the partner's words passed in when it is used. The
 * same for every kit page, so it is loaded once per build (and again when the file changes, in dev)
 * rather than once per page and script.
 */
export function scriptComponent(script: ScriptEntry) {
  const key = `${script.id}:${script.digest}`;
  let component = scriptComponents.get(key);
  if (!component) {
    component = render(script).then((rendered) => rendered.Content);
    scriptComponents.set(key, component);
  }
  return component;
}
