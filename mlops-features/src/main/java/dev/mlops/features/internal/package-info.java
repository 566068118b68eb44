/** Implementation of the rankers and transforms; other modules never import this package. */
package dev.mlops.features.internal;
