package org.openvitals.app.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest (absent when run from classes in the IDE). */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = OpenVitalsCli.class.getPackage().getImplementationVersion();
    return new String[] {"OpenVitals " + (version == null ? "(development build)" : version)};
  }
}
