/**
 * Test-side exporter: writes a neutral `Network` as an ONNX model (opset 13), one ONNX node per
 * network node under the same name, so an import can be compared with the original layer by layer.
 */
import { INPUT, type Layer, type Network, type Padding, type Window } from '../../../../src/rf/types.ts';
import { buildModel, INT64, type AttrSpec, type NodeSpec, type TensorSpec } from './onnx-builder.ts';

const IMAGE = 'image';

function windowAttrs(w: Window): Record<string, AttrSpec> {
  const attrs: Record<string, AttrSpec> = {
    kernel_shape: [w.kernel.h, w.kernel.w],
    strides: [w.stride.h, w.stride.w],
    dilations: [w.dilation.h, w.dilation.w],
  };
  const p: Padding = w.padding;
  if (p.mode === 'explicit') attrs['pads'] = [p.h.before, p.w.before, p.h.after, p.w.after];
  else if (p.mode === 'valid') attrs['auto_pad'] = 'VALID';
  else if (p.mode === 'tf-same') attrs['auto_pad'] = 'SAME_UPPER';
  else {
    const total = (k: number, d: number) => d * (k - 1);
    const th = total(w.kernel.h, w.dilation.h);
    const tw = total(w.kernel.w, w.dilation.w);
    attrs['pads'] = [
      Math.floor(th / 2),
      Math.floor(tw / 2),
      th - Math.floor(th / 2),
      tw - Math.floor(tw / 2),
    ];
  }
  return attrs;
}

/** Encodes `net` as ONNX; tensors are named after the node producing them. */
export function networkToOnnx(
  net: Network,
  opts: { order?: 'given' | 'reversed'; graphOnly?: boolean } = {},
): Uint8Array<ArrayBuffer> {
  const nodes: NodeSpec[] = [];
  const inits: TensorSpec[] = [];
  const rank = new Map<string, number>([[INPUT, 4]]);
  const tensor = (name: string) => (name === INPUT ? IMAGE : name);
  // Ranks depend on producers, so walk in dependency order.
  const pending = net.nodes.slice();
  const done = new Set<string>([INPUT]);
  const ordered: typeof pending = [];
  while (pending.length) {
    const i = pending.findIndex((n) => n.inputs.every((x) => done.has(x)));
    if (i < 0) throw new Error('network has a cycle or a missing input');
    const [n] = pending.splice(i, 1);
    ordered.push(n!);
    done.add(n!.name);
  }
  for (const n of ordered) {
    const ins = n.inputs.map(tensor);
    const layer: Layer = n.layer;
    const inRank = rank.get(n.inputs[0]!) ?? 4;
    let outRank = inRank;
    const add = (op: string, inputs: string[], attrs: Record<string, AttrSpec> = {}, name = n.name) => {
      nodes.push({ op, name, inputs, outputs: [name], attrs });
    };
    switch (layer.op) {
      case 'conv': {
        const w = `${n.name}.weight`;
        inits.push({
          name: w,
          dims: [1, 1, layer.kernel.h, layer.kernel.w],
          rawZeros: layer.kernel.h * layer.kernel.w * 4,
        });
        add('Conv', [ins[0]!, w], windowAttrs(layer));
        break;
      }
      case 'pool': {
        const attrs = windowAttrs(layer);
        if (layer.ceil) attrs['ceil_mode'] = 1;
        if (layer.kind === 'avg') delete attrs['dilations'];
        add(layer.kind === 'max' ? 'MaxPool' : 'AveragePool', [ins[0]!], attrs);
        break;
      }
      case 'deconv': {
        const w = `${n.name}.weight`;
        inits.push({
          name: w,
          dims: [1, 1, layer.kernel.h, layer.kernel.w],
          rawZeros: layer.kernel.h * layer.kernel.w * 4,
        });
        const attrs = windowAttrs(layer);
        if (layer.padding.mode === 'valid') {
          delete attrs['auto_pad'];
          attrs['pads'] = [0, 0, 0, 0];
        }
        attrs['output_padding'] = [layer.outputPadding.h, layer.outputPadding.w];
        add('ConvTranspose', [ins[0]!, w], attrs);
        break;
      }
      case 'upsample': {
        const s = `${n.name}.scales`;
        inits.push({ name: s, dims: [4], dataType: 1, rawFloats: [1, 1, layer.factor.h, layer.factor.w] });
        const attrs: Record<string, AttrSpec> =
          layer.mode === 'nearest'
            ? { mode: 'nearest' }
            : { mode: 'linear', coordinate_transformation_mode: 'half_pixel' };
        add('Resize', [ins[0]!, '', s], attrs);
        break;
      }
      case 'pad': {
        const p = `${n.name}.pads`;
        const { h, w } = layer.pads;
        inits.push({
          name: p,
          dims: [8],
          dataType: INT64,
          rawInt64: [0, 0, h.before, w.before, 0, 0, h.after, w.after],
        });
        add('Pad', [ins[0]!, p]);
        break;
      }
      case 'neutral':
        add('Relu', [ins[0]!]);
        break;
      case 'global':
        if (layer.kind === 'global-pool') add('GlobalAveragePool', [ins[0]!]);
        else if (layer.kind === 'flatten') {
          add('Flatten', [ins[0]!]);
          outRank = 2;
        } else {
          let x = ins[0]!;
          if (inRank !== 2) {
            add('Flatten', [x], {}, `${n.name}/flatten`);
            x = `${n.name}/flatten`;
          }
          const b = `${n.name}.weight`;
          inits.push({ name: b, dims: [1, 1], rawZeros: 4 });
          add('Gemm', [x, b]);
          outRank = 2;
        }
        break;
      case 'add':
      case 'mul':
        add(layer.op === 'add' ? 'Add' : 'Mul', ins);
        break;
      case 'concat':
        add('Concat', ins, { axis: 1 });
        break;
    }
    rank.set(n.name, outRank);
  }
  const sinks = net.nodes.filter((n) => !net.nodes.some((m) => m.inputs.includes(n.name)));
  // Graph-only (export_params=False): weights become graph inputs with shapes and no data; the
  // small parameter tensors (pads, scales) stay initializers, as exporters keep them.
  const isWeight = (t: TensorSpec) => t.name.endsWith('.weight');
  const weightInputs = opts.graphOnly
    ? inits.filter(isWeight).map((t) => ({ name: t.name, shape: t.dims }))
    : [];
  return buildModel({
    opset: 13,
    inputs: [{ name: IMAGE, shape: [1, 3, net.input.h, net.input.w] }, ...weightInputs],
    outputs: sinks.map((n) => ({ name: n.name })),
    nodes: opts.order === 'reversed' ? nodes.reverse() : nodes,
    initializers: opts.graphOnly ? inits.filter((t) => !isWeight(t)) : inits,
  });
}
