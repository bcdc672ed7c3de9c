package dev.llmcatalog.source.mteb;

/**
 * One task result file of a model in the results repository: {@code results/<org>__<model>/<revision>/<Task>.json}.
 *
 * @param path the path inside the repository, as {@code paths.json} lists it
 * @param revision the folder between the model folder and the file: a model commit,
 *     {@code no_revision_available} or {@code external}
 * @param fileTask the file name without {@code .json}; by the repository's convention the task name
 */
record ResultFile(String path, String revision, String fileTask) {}
