/** Test fixtures: the real server as a child process, deployment packages (hostile ones too). No project deps. */
package io.stratus.testkit;
