import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";

const catalog = loadCatalog();
const type = (service: string, name: string) => catalog.resourceType(service, name)!;

describe("the parent/child relation of resource types, computed once when the catalog is built", () => {
    it("puts a type inside those whose own name its ARN repeats before its own", () => {
        expect(type("s3", "object").parents).toEqual(["bucket"]);
        expect(type("ecs", "service").parents).toEqual(["cluster"]);
        expect(type("ecs", "cluster").parents).toEqual([]);
        expect(type("dynamodb", "table").parents).toEqual([]);
    });

    it("lists a type's children from the same relation", () => {
        expect(catalog.childTypes(type("s3", "bucket")).map((child) => child.name)).toEqual(["object"]);
        expect(catalog.childTypes(type("ecs", "cluster")).map((child) => child.name)).toEqual(expect.arrayContaining(["service", "task", "container-instance"]));
        expect(catalog.childTypes(type("sqs", "queue"))).toEqual([]);
    });
});
