/**
 * The `semver` package with its types, imported in one place.
 */
// @ts-types="@types/semver"
import * as semver from "semver";

export { semver };
