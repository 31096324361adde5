import {
  diffPackSchemas,
  parseTemplate,
  readPackSchema,
} from "../../../../src/services/compare/pack-schema";

// The templates below are the examples of Palette's pack-constraints documentation.
describe("schema.yaml templates, as Palette documents them", () => {
  it("reads required, readonly, format placeholders and hints", () => {
    expect(parseTemplate("registry.hostname", "{{ required }}")).toMatchObject({
      required: true,
      readonly: false,
      format: null,
    });
    expect(parseTemplate("registry.hostname", "{{ readonly }}").readonly).toBe(true);
    expect(
      parseTemplate("registry.port", '{{ format "${number:[5000-5005]}" }}').placeholders,
    ).toEqual([
      { type: "number", regex: null, range: { min: 5000, max: 5005 }, listOptions: null },
    ]);
    expect(
      parseTemplate("registry.port", '{{ format "${number:/^(500[0-5])$/}" }}').placeholders[0]
        ?.regex,
    ).toBe("^(500[0-5])$");
    expect(
      parseTemplate("registry.type", '{{ format "${list:[PACK,GIT,CHART]}" }}').placeholders[0]
        ?.listOptions,
    ).toEqual(["PACK", "GIT", "CHART"]);
    expect(
      parseTemplate("registry.type", '{{ hints "description A" "description B" }}').hints,
    ).toEqual(["description A", "description B"]);
  });

  it("reads combined templates: composite formats, regexes holding `}` and pipes in quotes", () => {
    const range = parseTemplate(
      "registry.addresses.$[]",
      '{{ required | format "${ipv4} - ${ipv4}" | hints "ip pool range"}}',
    );
    expect([range.required, range.simple, range.placeholders.map((p) => p.type)]).toEqual([
      true,
      false,
      ["ipv4", "ipv4"],
    ]);
    expect(range.hints).toEqual(["ip pool range"]);
    const storage = parseTemplate(
      "storageType",
      '{{ required | format "${string}, ${string:/size=\\d{1,3}/}" | hints "a | b" }}',
    );
    expect(storage.placeholders.map((p) => p.regex)).toEqual([null, "size=\\d{1,3}"]);
    expect(storage.hints).toEqual(["a | b"]);
    expect(parseTemplate("x", '{{ hints "a" | "b" }}').hints).toEqual(["a", "b"]);
  });

  it("reports an entry that does not parse on its path and reads the others", () => {
    const schema = readPackSchema({
      good: { schema: '{{ format "${password}" }}' },
      typo: { schema: '{{ requird | format "${string}" }}' },
      unclosed: { schema: '{{ format "${string:/^a/" }}' },
      bare: "{{ required }}",
      noType: { schema: '{{ format "${}" }}' },
    });
    expect([...schema.entries.keys()]).toEqual(["good"]);
    expect(schema.errors.map((e) => e.path)).toEqual(["typo", "unclosed", "bare", "noType"]);
    expect(schema.errors[0]?.message).toContain('"requird"');
  });

  it("leaves entries that do not parse out of the comparison", () => {
    const before = readPackSchema({ a: { schema: "{{ required }}" }, b: { schema: "{{ x }}" } });
    const after = readPackSchema({ a: { schema: "{{ required }}" } });
    expect(diffPackSchemas(before, after)).toEqual([]);
  });
});
