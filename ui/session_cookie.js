// Sets or deletes the login-session cookie in the app's own document (an st.components.v2
// component runs here, not in an iframe). Bundled with the app: no download, works offline.
// data = {name, action: "set" | "delete", value}. A delete only removes the cookie while it still
// holds `value`, so a tab logging out an old session never removes a newer login's cookie.
export default function (component) {
  const data = component.data;
  if (!data || !data.name) return;
  const prefix = data.name + "=";
  const found = document.cookie.split("; ").find((c) => c.startsWith(prefix));
  const current = found ? decodeURIComponent(found.slice(prefix.length)) : null;
  const tail = "; Path=/; SameSite=Strict" + (window.location.protocol === "https:" ? "; Secure" : "");
  if (data.action === "set" && current !== data.value) {
    document.cookie = prefix + encodeURIComponent(data.value) + tail;  // a session cookie: no Max-Age
  } else if (data.action === "delete" && current !== null && current === data.value) {
    document.cookie = prefix + tail + "; Max-Age=0";
  }
}
