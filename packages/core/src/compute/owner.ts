/** Who a resource belongs to; backends tag and name things with it (tags `project`, `user`). */
export interface ResourceOwner {
  project: string;
  username: string;
}

/** The project's settings a backend needs when creating a resource in it. */
export interface ProjectContext extends ResourceOwner {
  /** AWS: IAM role to run as when user-scoped roles are on; resolved by the backend if absent. */
  roleArn?: string;
}
