/**
 * Reports for people and machines: profiles, validation reports and fit-for-use checks as JSON and as one
 * self-contained HTML page (inline CSS and SVG, no external scripts or fonts).
 */
package dev.mlops.data.report;
