import { type RouteHandler } from "../http-fixture-server";

/**
 * A password with every character an encoding changes: a space, a quote, a slash, a plus, an
 * ampersand, angle brackets and a non-ASCII letter.
 */
export const ECHO_PASSWORD = 'Zq8s3cr"et pa/ss+wörd&<x>';
export const ECHO_USERNAME = "echo-reader";

/** `text` as a Python registry's JSON would escape it (non-ASCII as \uXXXX, `/` as `\/`). */
function asciiJson(text: string): string {
  return JSON.stringify(text)
    .slice(1, -1)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/\//g, "\\/");
}

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** One way a registry quotes the password back, as the body of an error answer. */
export interface EchoForm {
  form: string;
  contentType: string;
  body: string;
}

/** The echo forms issue 16 found leaking, and their neighbours. */
export function echoForms(username = ECHO_USERNAME, password = ECHO_PASSWORD): EchoForm[] {
  const json = "application/json";
  return [
    {
      form: "JSON-escaped",
      contentType: json,
      body: JSON.stringify({ error: "bad credentials", sent: { username, password } }),
    },
    {
      form: "JSON-escaped, ASCII only",
      contentType: json,
      body: `{"error":"bad credentials","password":"${asciiJson(password)}"}`,
    },
    {
      form: "white space changed",
      contentType: "text/plain",
      body: `bad credentials: ${password.replace(" ", "\n\t  ").replace("wö", "w\r\nö")}`,
    },
    {
      form: "URL-encoded",
      contentType: "text/plain",
      body: `rejected /token?account=${username}&password=${encodeURIComponent(password)}`,
    },
    {
      form: "form-encoded, lower-case hex",
      contentType: "text/plain",
      body: `rejected ${new URLSearchParams({ password }).toString().replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())}`,
    },
    {
      form: "base64 of the password alone",
      contentType: "text/plain",
      body: `token ${b64(password)} is invalid`,
    },
    {
      form: "base64 of user:password",
      contentType: "text/plain",
      body: `header Basic ${b64(`${username}:${password}`)} refused`,
    },
    {
      form: "HTML-escaped in a page title",
      contentType: "text/html",
      body: `<html><head><title>Denied ${password.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}</title></head></html>`,
    },
    {
      form: "cut at the 200-character excerpt limit",
      contentType: "text/plain",
      body: `${"error ".repeat(32)}${password} and more text after it`,
    },
  ];
}

/** Answers `status` with the form's body. */
export function echoing(form: EchoForm, status = 401): RouteHandler {
  return (_req, res) => {
    res.writeHead(status, { "content-type": form.contentType }).end(form.body);
  };
}

/**
 * Fragments (8 characters, white space ignored) of every spelling of the password; none may
 * appear in what the gateway shows.
 */
export function passwordFragments(username = ECHO_USERNAME, password = ECHO_PASSWORD): string[] {
  const spellings = [
    password,
    JSON.stringify(password).slice(1, -1),
    asciiJson(password),
    encodeURIComponent(password),
    new URLSearchParams({ password }).toString().slice("password=".length),
    b64(password),
    b64(`${username}:${password}`),
    password
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;"),
  ].map((s) => s.replace(/\s+/g, ""));
  const fragments = new Set<string>();
  for (const spelling of spellings) {
    for (let i = 0; i + 8 <= spelling.length; i++) fragments.add(spelling.slice(i, i + 8));
    fragments.add(spelling.toLowerCase().slice(0, 8));
  }
  return [...fragments];
}

/** The fragments of the password found in `text` (white space ignored): none, if nothing leaked. */
export function leakedFragments(text: string): string[] {
  const flat = text.replace(/\s+/g, "");
  return passwordFragments().filter((fragment) => flat.includes(fragment));
}
