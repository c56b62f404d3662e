import type { APIRoute, GetStaticPaths } from 'astro';
import { EXAMPLE_IDS, type ExampleId } from '../../../components/widgets/onnx-report';
import { EXAMPLE_FILE_NAMES } from '../../../components/widgets/shared/onnx-example-file';
import { exampleBytes } from '../../../components/widgets/shared/onnx-examples';

/** The ONNX report's example models, written once at build time as files of the site. */
export const getStaticPaths = (() =>
  EXAMPLE_IDS.map((id) => ({
    params: { file: EXAMPLE_FILE_NAMES[id] },
    props: { id },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(exampleBytes((props as { id: ExampleId }).id), {
    headers: { 'content-type': 'application/octet-stream' },
  });
