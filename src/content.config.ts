import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/** A source a lesson cites; `[@id]` in the prose becomes a numbered link to it. */
const reference = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'reference ids are kebab-case'),
  text: z.string().min(1),
  url: z.url().optional(),
});

/** Lessons live in content/<locale>/<NN-slug>.mdx; the same file name must exist in every locale. */
const lessons = defineCollection({
  loader: glob({ pattern: '{en,ru}/*.mdx', base: './content' }),
  schema: z.object({
    title: z.string().min(1),
    description: z.string().min(1),
    order: z.number().int().positive(),
    references: z.array(reference).default([]),
  }),
});

export const collections = { lessons };
