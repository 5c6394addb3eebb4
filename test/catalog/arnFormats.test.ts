import {describe, expect, it} from "vitest";
import {firstArnFormat} from "../../source/catalog/build/buildCatalogIndex.js";
import {loadCatalog} from "../../source/catalog/index.js";

describe("resource types' ARN templates", () => {
    it("are one ARN each: a type the data gives two formats keeps the first", () => {
        expect(firstArnFormat("arn:${Partition}:apigateway:${Region}::/apis/${ApiId}/authorizers, arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/authorizers"))
            .toBe("arn:${Partition}:apigateway:${Region}::/apis/${ApiId}/authorizers");
        expect(firstArnFormat("arn:${Partition}:s3:::${BucketName}")).toBe("arn:${Partition}:s3:::${BucketName}");
        const joined = loadCatalog().services.flatMap((service) => service.resourceTypes).filter((type) => /,|\s/.test(type.arn));
        expect(joined.map((type) => `${type.service}:${type.name}`)).toEqual([]);
    });
});
