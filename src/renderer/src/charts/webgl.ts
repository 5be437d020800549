// Whether the charts draw with WebGL. With a real GPU, scattergl is the fast way; with
// WebGL emulated in software (SwiftShader in headless Chromium, llvmpipe on many remote
// desktops and VMs) creating the context alone takes about a second and every redraw runs
// on the CPU, so SVG, which min–max decimation keeps to a few thousand points, is faster.
// With no WebGL at all, SVG is the only way.

export interface WebGLInfo {
  available: boolean;
  /** The GPU (or emulator) as the browser names it. */
  renderer: string | null;
  software: boolean;
}

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render driver|mesa offscreen/i;

/** A tester or a user on odd hardware can force one: localStorage 'tetherscope.charts' = 'webgl' | 'svg'. */
export const CHART_RENDERER_KEY = 'tetherscope.charts';

let cached: WebGLInfo | null = null;

export function webglInfo(): WebGLInfo {
  if (cached) return cached;
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl');
    if (!gl) {
      cached = { available: false, renderer: null, software: false };
    } else {
      const debug = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      cached = { available: true, renderer, software: SOFTWARE.test(renderer) };
      // Free the probe's context at once: browsers cap live WebGL contexts.
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    cached = { available: false, renderer: null, software: false };
  }
  return cached;
}

export function chartsUseWebGL(): boolean {
  let forced: string | null = null;
  try {
    forced = localStorage.getItem(CHART_RENDERER_KEY);
  } catch {
    // Storage may be off; the automatic choice stands.
  }
  const info = webglInfo();
  if (forced === 'svg') return false;
  if (forced === 'webgl') return info.available;
  return info.available && !info.software;
}
