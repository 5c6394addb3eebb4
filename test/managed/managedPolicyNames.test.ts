import {describe, expect, test} from "vitest";
import {loadManagedPolicies, loadManagedPolicyNames, managedPolicy} from "../../source/managed/index.js";

describe("the managed policy names index", () => {
    test("names every managed policy with its ARN, in the same order", () => {
        expect(loadManagedPolicyNames()).toEqual(loadManagedPolicies().map(({name, arn}) => ({name, arn})));
    });

    test("a policy is found by its exact name, with its document", () => {
        expect(managedPolicy("AmazonS3ReadOnlyAccess")?.document.Statement).toBeDefined();
        expect(managedPolicy("amazons3readonlyaccess")).toBeUndefined();
    });
});
