/**
 * Rich display of the SDK in Jupyter's rapaio Java kernel: add {@code dev.mlops:mlops-notebook} to a notebook and
 * frames, profiles, validation reports, rankings, evaluations and tuning results show as HTML tables and charts.
 */
package dev.mlops.notebook;
