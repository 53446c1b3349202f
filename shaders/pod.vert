#version 300 es
// kubesim - one instance per pod: a screen-aligned quad around the pod's circle. Everything a pod
// looks like is decided in pod.frag from the per-instance state; this shader only places the quad.
precision highp float;

layout(location = 0) in vec2 a_corner;  // per vertex: (-1,-1) (1,-1) (-1,1) (1,1)
layout(location = 1) in vec4 a_geom;    // per instance: centre x, y (framebuffer px), radius px, state
layout(location = 2) in vec4 a_color;   // per instance: ReplicaSet colour (straight alpha)
layout(location = 3) in vec4 a_params;  // per instance: progress, alpha, selection, request flash

uniform vec2 u_viewport;  // framebuffer size in px
uniform float u_px;       // framebuffer px per CSS px

out vec2 v_local;         // px offset from the centre
flat out float v_radius;
flat out float v_state;
flat out vec4 v_color;
flat out vec4 v_params;

void main() {
  // Room around the body for the status ring, the selection ring and the request halo; tiny pods
  // (big clusters) get a tighter quad so software rasterisers do not shade empty pixels.
  float pad = min(9.0 * u_px, max(3.0, a_geom.z * 0.9));
  float extent = a_geom.z + pad + 2.0;
  vec2 local = a_corner * extent;
  vec2 pos = a_geom.xy + local;
  v_local = local;
  v_radius = a_geom.z;
  v_state = a_geom.w;
  v_color = a_color;
  v_params = a_params;
  gl_Position = vec4(pos.x / u_viewport.x * 2.0 - 1.0, 1.0 - pos.y / u_viewport.y * 2.0, 0.0, 1.0);
}
