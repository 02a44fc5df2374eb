package org.openvitals.connectors.sync;

/**
 * A permission a person can tick when connecting a source whose provider splits its data into
 * scopes (Google's Health API): only the ticked ones are asked for.
 *
 * @param name the short name the command line takes ({@code --scopes sleep,activity_and_fitness})
 * @param scope the OAuth scope asked for
 * @param label what it gives access to, as the app shows it
 * @param byDefault whether it is asked for when the person has not chosen
 */
public record ScopeChoice(String name, String scope, String label, boolean byDefault) {}
