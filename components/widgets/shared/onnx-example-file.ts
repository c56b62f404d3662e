/**
 * The ONNX report's example models as files of the site (written at build time by
 * src/pages/examples/[file].ts from ./onnx-examples.ts), fetched when the reader picks one so that
 * they go through exactly the same import as the reader's own file.
 */
import { href } from '../../../src/lib/paths';
import type { ExampleId } from '../onnx-report';

/** The file name of each example under `<base>examples/`. */
export const EXAMPLE_FILE_NAMES: Readonly<Record<ExampleId, string>> = {
  lecture: 'lecture-example.onnx',
  resnet: 'small-resnet-se.onnx',
};

/** An example model as a file, ready for the importer; rejects when the site cannot be reached. */
export async function exampleFile(id: ExampleId): Promise<File> {
  const name = EXAMPLE_FILE_NAMES[id];
  const response = await fetch(href(`examples/${name}`));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return new File([await response.arrayBuffer()], name, { type: 'application/octet-stream' });
}
