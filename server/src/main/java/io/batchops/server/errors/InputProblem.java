package io.batchops.server.errors;

/** What is wrong with a request's input; DRS gives each its own code, SMS one code for all. */
public enum InputProblem {
    /** The body is not JSON at all, or is cut short. */
    MALFORMED,
    /** A required parameter is absent or null. */
    MISSING,
    /** A parameter has the wrong type, is not part of the contract, or appears twice. */
    INVALID,
    /** A parameter value is outside its bounds or not one of its allowed values. */
    OUT_OF_RANGE
}
