/**
 * Scoping and capacity, before committing to a model: {@link dev.mlops.train.scoping.Scoping} answers whether the
 * data is there and whether a readable rule would do (baselines and rules against quick models, requirements
 * checked up front, representativeness and bias) as a {@link dev.mlops.train.scoping.ScopingReport};
 * {@link dev.mlops.train.scoping.CapacityPlan} extrapolates training time and memory to larger data and the cores a
 * request rate needs.
 */
package dev.mlops.train.scoping;
