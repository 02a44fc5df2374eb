package org.openvitals.app.shell;

/** Where the main window was, to open it there again. */
public record WindowBounds(double x, double y, double width, double height, boolean maximized) {}
