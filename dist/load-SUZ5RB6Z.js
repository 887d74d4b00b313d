import {
  loadKnowledge,
  readKnowledge
} from "./chunk-NW653CCO.js";
import "./chunk-7DL6OGDQ.js";
export {
  loadKnowledge,
  readKnowledge
};
