/**
 * The contracts of every service: one {@code @ProxyGen} interface per service, called over the event bus through
 * its generated proxy, so the same code runs in one JVM or across a cluster. They live in {@code common} (not in
 * each service module) so that services can call each other (chat needs media, media needs chat) without Maven
 * dependency cycles; each service module holds the implementation, its store and its verticle.
 */
@ModuleGen(name = "rtchat-api", groupPackage = "io.rtchat")
package io.rtchat.api;

import io.vertx.codegen.annotations.ModuleGen;
