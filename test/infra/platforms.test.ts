import { describe, expect, it } from "vitest";
import { platformsForPools } from "../../infra/platforms";
import { pool } from "../helpers/pool";

describe("platformsForPools", () => {
  it("derives one platform per architecture present, sorted", () => {
    expect(platformsForPools([pool("a", "arm64", "m7g.large"), pool("b", "amd64", "m7i.large"), pool("c", "arm64", "c7g.large")])).toEqual(["linux/amd64", "linux/arm64"]);
    expect(platformsForPools([pool("a", "arm64", "m7g.large")])).toEqual(["linux/arm64"]);
  });
});
