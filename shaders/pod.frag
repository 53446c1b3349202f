#version 300 es
// kubesim - how a pod looks. The state numbers follow web/look.h (PodState):
//  0 Pending            dashed outline: no node yet
//  1 ContainerCreating  faint body, a ring filling with the image pull progress
//  2 Running (Ready)    solid body, green ring
//  3 NotReady           dimmed body, amber ring
//  4 Terminating        greyed body, a ring counting the grace period down
//  5 ErrImagePull       dark body, red ring, a cross
//  6 ImagePullBackOff   dark body, dashed red ring, a cross, the back-off countdown arc
//  7 CrashLoopBackOff   dim body, pink ring, an exclamation mark, the back-off countdown arc
//  8 Completed          grey body
//  9 Error              grey body, a cross
// 10 Deleted            a fading ghost
// Output is premultiplied alpha (blend ONE, ONE_MINUS_SRC_ALPHA).
precision highp float;

in vec2 v_local;
flat in float v_radius;
flat in float v_state;
flat in vec4 v_color;
flat in vec4 v_params;

uniform float u_time;   // simulated seconds (wrapped): dashes turn with simulated time
uniform float u_px;     // framebuffer px per CSS px (line widths scale with it)

out vec4 frag;

const float PI = 3.14159265;

vec3 kGreen = vec3(0.30, 0.88, 0.47);
vec3 kAmber = vec3(1.00, 0.76, 0.22);
vec3 kRed = vec3(1.00, 0.33, 0.33);
vec3 kPink = vec3(1.00, 0.30, 0.55);
vec3 kSky = vec3(0.52, 0.76, 1.00);
vec3 kGrey = vec3(0.62, 0.64, 0.68);

// Coverage (antialiased over one px) of a disc and of a ring.
float disc(float d, float r) { return clamp(r - d + 0.5, 0.0, 1.0); }
float ring(float d, float r, float w) { return clamp(w * 0.5 - abs(d - r) + 0.5, 0.0, 1.0); }

// Clockwise angle from 12 o'clock, 0..1.
float turn(vec2 p) { return fract(atan(p.x, -p.y) / (2.0 * PI) + 1.0); }

// 1 on the first `frac` of the circle (clockwise from the top), softened at the edge.
float arc(vec2 p, float d, float frac) {
  float t = turn(p);
  float edge = 1.0 / max(d * 2.0 * PI, 1.0);  // one px in turn units
  return clamp((frac - t) / edge + 0.5, 0.0, 1.0) * step(0.0005, frac);
}

float dashes(vec2 p, float count, float speed) {
  float t = fract(turn(p) * count + u_time * speed);
  return smoothstep(0.0, 0.08, t) * (1.0 - smoothstep(0.5, 0.58, t));
}

// Distance to a segment, for glyphs drawn inside the body.
float seg(vec2 p, vec2 a, vec2 b) {
  vec2 pa = p - a, ba = b - a;
  float h = clamp(dot(pa, ba) / dot(ba, ba), 0.0, 1.0);
  return length(pa - ba * h);
}

vec4 over(vec4 dst, vec3 c, float a) { return dst * (1.0 - a) + vec4(c * a, a); }

void main() {
  vec2 p = v_local;
  float d = length(p);
  float r = v_radius;
  int state = int(v_state + 0.5);
  float progress = v_params.x;
  float alpha = v_params.y;
  float selected = v_params.z;
  float flash = v_params.w;
  vec3 body = v_color.rgb;
  float lw = max(1.5, 2.0 * u_px);   // ring width
  float rr = r + lw * 1.6;           // status ring radius, just outside the body
  float pad = min(9.0 * u_px, max(3.0, r * 0.9));  // as in pod.vert: the room around the body
  vec4 o = vec4(0.0);

  // Tiny pods (thousands on screen): no rings, one dot. Running pods show their ReplicaSet's
  // colour, so old and new revisions still read at a glance; other states show the state colour.
  if (r < 5.0 * u_px) {
    vec3 c = state == 2 ? body : state == 0 ? mix(body, vec3(0.5), 0.6) : state == 1 ? mix(body, kSky, 0.5)
           : state == 3 ? kAmber : state == 4 ? vec3(0.45) : (state >= 5 && state <= 7) || state == 9 ? kRed
           : kGrey;
    float a = state == 0 || state == 4 || state == 10 ? 0.55 : 1.0;
    o = over(o, c, a * disc(d, r));
    if (selected > 0.0) o = over(o, vec3(1.0), selected * ring(d, r + pad - 1.2, max(1.2, 1.5 * u_px)));
    frag = o * alpha;
    return;
  }

  // A soft shadow gives the pods some depth on the dark canvas.
  o = over(o, vec3(0.0), 0.35 * clamp((r + 3.0 * u_px - d) / (4.0 * u_px), 0.0, 1.0));

  if (state == 0) {  // Pending
    o = over(o, body, 0.14 * disc(d, r));
    o = over(o, mix(body, vec3(1.0), 0.35), 0.85 * ring(d, r - lw * 0.5, lw) * dashes(p, 10.0, 0.15));
  } else if (state == 1) {  // ContainerCreating: the ring fills with the pull progress
    o = over(o, body, 0.22 * disc(d, r));
    o = over(o, body, 0.55 * disc(d, r * 0.35 + r * 0.45 * progress));
    o = over(o, kGrey, 0.35 * ring(d, rr, lw));
    o = over(o, kSky, ring(d, rr, lw) * arc(p, d, max(progress, 0.02)));
  } else if (state == 2 || state == 3) {  // Running (ready) / NotReady
    bool ready = state == 2;
    float shade = 0.82 + 0.28 * clamp(-(p.x + p.y) / (2.0 * r), -1.0, 1.0);  // light from top-left
    o = over(o, body * shade, (ready ? 1.0 : 0.5) * disc(d, r));
    o = over(o, ready ? kGreen : kAmber, ring(d, rr, lw));
    if (!ready) o = over(o, vec3(0.07, 0.08, 0.1), 0.8 * disc(d, r * 0.32));
  } else if (state == 4) {  // Terminating: the grace period runs down
    vec3 grey = vec3(dot(body, vec3(0.3, 0.59, 0.11)));
    o = over(o, mix(grey, body, 0.35), 0.45 * disc(d, r));
    o = over(o, kGrey, 0.25 * ring(d, rr, lw));
    o = over(o, vec3(0.92), ring(d, rr, lw) * arc(p, d, progress));
  } else if (state >= 5 && state <= 7) {  // image pull errors and crash loops
    vec3 hue = state == 7 ? kPink : kRed;
    o = over(o, state == 7 ? body * 0.45 : body * 0.22, disc(d, r));
    float dash = state == 6 ? dashes(p, 12.0, 0.0) : 1.0;
    o = over(o, hue, ring(d, r - lw * 0.5, lw) * dash);
    if (state != 5) o = over(o, hue, 0.9 * ring(d, rr + lw, lw) * arc(p, d, progress));
    float g = r * 0.36, w = max(1.2, r * 0.11);
    float glyph;
    if (state == 7) {  // "!"
      glyph = max(clamp(w - seg(p, vec2(0.0, -g * 1.1), vec2(0.0, g * 0.25)) + 0.5, 0.0, 1.0),
                  clamp(w * 1.05 - length(p - vec2(0.0, g * 0.95)) + 0.5, 0.0, 1.0));
    } else {  // a cross
      glyph = max(clamp(w - seg(p, vec2(-g, -g), vec2(g, g)) + 0.5, 0.0, 1.0),
                  clamp(w - seg(p, vec2(-g, g), vec2(g, -g)) + 0.5, 0.0, 1.0));
    }
    o = over(o, hue, glyph);
  } else if (state == 8) {  // Completed
    o = over(o, kGrey * 0.7, disc(d, r));
  } else if (state == 9) {  // Error
    o = over(o, kGrey * 0.5, disc(d, r));
    o = over(o, kRed, ring(d, r - lw * 0.5, lw));
  } else {  // Deleted: a ghost that fades
    o = over(o, kGrey, 0.5 * ring(d, r - lw * 0.5, lw));
  }

  if (flash > 0.0) {  // a request just arrived: a halo that widens and fades
    float hr = r + (1.0 - flash) * (pad - 1.0);
    o = over(o, vec3(1.0), 0.7 * flash * ring(d, hr, lw));
  }
  if (selected > 0.0) o = over(o, vec3(1.0), selected * ring(d, r + pad - 1.2, max(1.2, 1.5 * u_px)));

  frag = o * alpha;
}
