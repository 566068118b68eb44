/**
 * The SDK in Jupyter notebooks with a Java kernel: reports, frames and profiles shown as HTML by the rapaio
 * kernel's display system. Exports its package and provides the kernel's display service.
 */
module dev.mlops.notebook {
    requires dev.mlops.api;
    requires rapaio.jupyter.kernel;

    exports dev.mlops.notebook;

    provides org.rapaio.jupyter.kernel.display.spi.DisplayProvider with dev.mlops.notebook.MlopsDisplayProvider;
}
