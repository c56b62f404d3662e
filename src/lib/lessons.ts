import { getCollection, type CollectionEntry } from 'astro:content';
import type { Locale } from '../i18n';
import { href } from './paths';

export type Lesson = CollectionEntry<'lessons'>;

/** 'en/01-what-is-rf' → '01-what-is-rf'. */
export function slugOf(lesson: Lesson): string {
  return lesson.id.slice(lesson.id.indexOf('/') + 1);
}

/** 'en/01-what-is-rf' → 'en'. */
export function localeOf(lesson: Lesson): string {
  return lesson.id.slice(0, lesson.id.indexOf('/'));
}

/** The lessons of one locale in course order. */
export async function lessonsFor(locale: Locale): Promise<Lesson[]> {
  const all = await getCollection('lessons', (entry) => localeOf(entry) === locale);
  return all.sort((a, b) => a.data.order - b.data.order);
}

/** The URL of a lesson page. */
export function lessonHref(locale: Locale, slug: string): string {
  return href(`${locale}/lessons/${slug}/`);
}
