import { describe, expect, it } from "vitest";
import { partySocketUrl } from "./partySocket";

const at = (protocol: string, host: string) => ({ protocol, host }) as Location;

describe("partySocketUrl", () => {
  it("speaks ws to an http page and wss to an https one, on the page's own host", () => {
    expect(partySocketUrl(7, "abc", at("http:", "127.0.0.1:8000"))).toBe("ws://127.0.0.1:8000/api/v1/parties/7/ws?token=abc");
    expect(partySocketUrl(7, "abc", at("https:", "fastfm.example"))).toBe("wss://fastfm.example/api/v1/parties/7/ws?token=abc");
  });
  it("escapes the token for the query string", () => {
    expect(partySocketUrl(1, "a+b/c=", at("http:", "h"))).toBe("ws://h/api/v1/parties/1/ws?token=a%2Bb%2Fc%3D");
  });
});
