/**
 * A small actor-critic for the toy tasks: float observations go straight in, index
 * observations (token prefixes) are one-hot encoded inside the model; separate MLPs give the
 * distribution parameters and the state value.
 */
import type { Rng } from '../../core/index.js';
import { Mlp, Module, tf } from '../../nn/index.js';
import type { PolicyModel, PolicyOutput } from '../policy.js';
import { type EnvSpec, paramSize } from '../spec.js';

export class ToyActorCritic extends Module implements PolicyModel {
  readonly actor: Mlp;
  readonly critic: Mlp;
  private readonly inputs: number;

  constructor(
    readonly spec: EnvSpec,
    hidden: number,
    rng: Rng,
    /** For index observations: number of distinct index values (one-hot width). */
    readonly indexRange = 0,
  ) {
    super('toy');
    this.inputs = spec.obs.kind === 'float' ? spec.obs.size : spec.obs.size * indexRange;
    this.actor = this.child(
      new Mlp('actor', [this.inputs, hidden, paramSize(spec.action)], rng.stream('actor'), {
        activation: 'tanh',
      }),
    );
    this.critic = this.child(
      new Mlp('critic', [this.inputs, hidden, 1], rng.stream('critic'), { activation: 'tanh' }),
    );
  }

  private features(obs: tf.Tensor2D): tf.Tensor2D {
    if (this.spec.obs.kind === 'float') return obs;
    return tf.reshape(tf.oneHot(obs, this.indexRange), [obs.shape[0], this.inputs]) as tf.Tensor2D;
  }

  forward(obs: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.actor.forward(this.features(obs as tf.Tensor2D)));
  }

  policy(obs: tf.Tensor2D): PolicyOutput {
    return tf.tidy(() => {
      const x = this.features(obs);
      const params = this.actor.forward(x) as tf.Tensor2D;
      const value = tf.reshape(this.critic.forward(x), [-1]) as tf.Tensor1D;
      return { params, value };
    });
  }
}
